/** Large texts (article bodies) are stored once, by their SHA-256, and referenced from events. */
export interface BlobStore {
  put(content: string): Promise<{ sha256: string; bytes: number }>;
  get(sha256: string): Promise<string | undefined>;
}
