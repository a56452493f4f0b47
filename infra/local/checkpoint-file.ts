import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/** Where the local dispatcher has got to in one community's history. */
export interface CommunityCheckpoint {
  /** The highest commit id applied. */
  readonly through: string;
  /** Ids applied shortly before `through` (its overlap window): not delivered again at start. */
  readonly recent: readonly string[];
}

export interface CheckpointFile {
  load(): Readonly<Record<string, CommunityCheckpoint>>;
  save(checkpoints: Readonly<Record<string, CommunityCheckpoint>>): void;
}

export const noCheckpoints: CheckpointFile = { load: () => ({}), save: () => undefined };

/**
 * The dispatcher's checkpoint as a JSON file, replaced atomically (write beside it, then rename), so
 * a `kill -9` leaves either the previous checkpoint or the new one, never half of one.
 */
export function checkpointFile(path: string): CheckpointFile {
  return {
    load() {
      let saved: unknown;
      try {
        saved = JSON.parse(readFileSync(path, 'utf8'));
      } catch {
        return {};
      }
      const out: Record<string, CommunityCheckpoint> = {};
      for (const [community, value] of Object.entries(saved as Record<string, unknown>)) {
        // Earlier versions kept only the last id applied.
        if (typeof value === 'string') out[community] = { through: value, recent: [] };
        else if (value && typeof (value as CommunityCheckpoint).through === 'string')
          out[community] = value as CommunityCheckpoint;
      }
      return out;
    },
    save(checkpoints) {
      writeFileSync(`${path}.next`, JSON.stringify(checkpoints));
      renameSync(`${path}.next`, path);
    },
  };
}
