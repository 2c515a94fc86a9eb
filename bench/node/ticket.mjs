// The Node counterpart of Pinhole's ticket handler, as the AWS samples write it but with their known
// fixes: an S3 client built once, every setting that would otherwise be looked up in ~/.aws given
// explicitly, no flexible-checksum parameters in the URL, and Content-Type, Content-Length and
// If-None-Match signed. It answers the same JSON the Java handler does.
import { randomBytes } from "node:crypto";
import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";

const SIGNED = new Set(["content-type", "content-length", "if-none-match"]);

export function createIssuer(env = process.env) {
  const required = (name) => {
    if (!env[name]) throw new Error(`${name} is not set`);
    return env[name];
  };
  const bucket = required("PINHOLE_BUCKET");
  const publicBase = required("PINHOLE_PUBLIC_BASE_URL");
  const lifetime = Number(env.PINHOLE_URL_LIFETIME_SECONDS || 300);
  const s3 = new S3Client({
    region: required("AWS_REGION"),
    credentials: {
      accessKeyId: required("AWS_ACCESS_KEY_ID"),
      secretAccessKey: required("AWS_SECRET_ACCESS_KEY"),
      sessionToken: env.AWS_SESSION_TOKEN,
    },
    endpoint: env.PINHOLE_S3_ENDPOINT || undefined,
    forcePathStyle: env.PINHOLE_S3_PATH_STYLE === "true",
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    useArnRegion: false,
    disableMultiregionAccessPoints: true,
    requestChecksumCalculation: "WHEN_REQUIRED",
  });

  return async function issue(request) {
    const key = `i/${randomBytes(16).toString("base64url")}.${request.extension}`;
    const contentType = `image/${request.extension === "jpg" ? "jpeg" : request.extension}`;
    const command = new PutObjectCommand({
      Bucket: bucket, Key: key, ContentType: contentType, ContentLength: request.size, IfNoneMatch: "*",
    });
    const url = await getSignedUrl(s3, command, {
      expiresIn: lifetime, signableHeaders: SIGNED, unhoistableHeaders: SIGNED,
    });
    return {
      key,
      url: `${publicBase}/${key}`,
      contentType,
      size: request.size,
      upload: { method: "PUT", url, headers: { "content-type": contentType, "if-none-match": "*" } },
      expiresAt: new Date(Date.now() + lifetime * 1000).toISOString(),
    };
  };
}
