package dev.pinhole.bench.cost;

/**
 * Memory sizes the functions would run at, in MB: GB-seconds are duration x memory, so the per-million
 * figures depend on them. The ticket function's comes from template.yaml (bench/cost-compare.sh reads it).
 */
public record CostParameters(int ticketMemoryMb, int publisherMemoryMb, int baselineMemoryMb) {
    public CostParameters {
        for (int mb : new int[] {ticketMemoryMb, publisherMemoryMb, baselineMemoryMb}) {
            if (mb < 128 || mb > 10240) {
                throw new IllegalArgumentException("Lambda memory is 128 to 10,240 MB, not " + mb);
            }
        }
    }

    int memoryMbOf(String function) {
        return switch (function) {
            case CostComparison.TICKET -> ticketMemoryMb;
            case CostComparison.PUBLISHER -> publisherMemoryMb;
            case CostComparison.BASE64 -> baselineMemoryMb;
            default -> throw new IllegalArgumentException("no memory size for function " + function);
        };
    }
}
