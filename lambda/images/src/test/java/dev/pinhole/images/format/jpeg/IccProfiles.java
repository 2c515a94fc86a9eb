package dev.pinhole.images.format.jpeg;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.nio.ByteBuffer;
import java.util.Random;

/** ICC profiles for fixtures: the JDK's sRGB, and a valid sRGB profile grown past one JPEG segment. */
final class IccProfiles {
    private IccProfiles() {
    }

    static byte[] srgb() {
        return ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    }

    /**
     * sRGB plus a private tag of {@code extra} bytes, so the profile must be split over several APP2
     * segments (each carries at most 65,519 profile bytes) while decoders still accept it.
     */
    static byte[] srgbLargerThan(int extra) {
        byte[] profile = srgb();
        ByteBuffer in = ByteBuffer.wrap(profile);
        int count = in.getInt(128);
        int tagData = 132 + 12 * count;
        int privateTag = (profile.length + 12 + 3) & ~3;
        ByteBuffer out = ByteBuffer.allocate(privateTag + extra);
        out.put(profile, 0, 128).putInt(count + 1);
        for (int i = 0; i < count; i++) {
            int entry = 132 + 12 * i;
            out.putInt(in.getInt(entry)).putInt(in.getInt(entry + 4) + 12).putInt(in.getInt(entry + 8));
        }
        out.put("phnl".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(privateTag).putInt(extra);
        out.put(profile, tagData, profile.length - tagData);
        byte[] noise = new byte[extra];
        new Random(7).nextBytes(noise);
        System.arraycopy("phnl".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, noise, 0, 4);
        out.position(privateTag);
        out.put(noise);
        byte[] grown = out.array();
        ByteBuffer.wrap(grown).putInt(0, grown.length);
        for (int i = 84; i < 100; i++) {
            grown[i] = 0; // the profile ID (an MD5 of the profile) no longer matches; 0 means "not computed"
        }
        ICC_Profile.getInstance(grown); // fails the fixture here if the JDK cannot read it
        return grown;
    }
}
