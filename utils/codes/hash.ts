/** SHA-256 as lower-case hex, with Web Crypto (present in Node 20, service workers and pages). */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Checksum of an asset's records, as stored in `AssetHeader.checksum`. */
export function recordsChecksum(records: readonly unknown[]): Promise<string> {
  return sha256Hex(JSON.stringify(records));
}
