// The file's SHA-256, sent with the ticket request so S3 itself refuses bytes that differ from it.

/** Base64 of the SHA-256 digest of a Blob, the form S3's x-amz-checksum-sha256 header takes. */
export async function sha256Base64(blob) {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  let binary = '';
  for (const byte of new Uint8Array(digest)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}
