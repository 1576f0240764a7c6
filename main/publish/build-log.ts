/**
 * Reads the classic builder's JSON-lines output: `{"stream":"Step 2/5 : RUN ..."}`,
 * `{"aux":{"ID":"sha256:..."}}`, `{"errorDetail":{...},"error":"..."}`. Pure, so it is unit-tested
 * and usable anywhere.
 */
export interface BuildStep {
  step: number;
  total: number;
  instruction: string;
}

export interface BuildLine {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string; code?: number };
  aux?: { ID?: string };
}

// Docker's classic builder says "Step 2/5 : RUN ...", Podman (Buildah) says "STEP 2/5: RUN ...".
const STEP = /^(?:Step (\d+)\/(\d+) : |STEP (\d+)\/(\d+): )(.*)$/;

export function parseStep(text: string): BuildStep | null {
  const m = STEP.exec(text.trim());
  return m ? { step: Number(m[1] ?? m[3]), total: Number(m[2] ?? m[4]), instruction: m[5]! } : null;
}

/** Follows a build's output: the current step, the image id, and the error if it failed. */
export class BuildLogReader {
  current: BuildStep | null = null;
  imageId: string | null = null;
  error: string | null = null;

  /** Feeds one parsed JSON line; returns the text to show, a new step if one began. */
  push(line: BuildLine): { text: string | null; step: BuildStep | null } {
    if (line.aux?.ID) this.imageId = line.aux.ID;
    if (line.error || line.errorDetail?.message) {
      this.error = line.errorDetail?.message ?? line.error ?? 'unknown error';
      return { text: this.error, step: null };
    }
    const text = line.stream ?? line.status ?? null;
    if (text === null) return { text: null, step: null };
    let step: BuildStep | null = null;
    for (const l of text.split('\n')) {
      const s = parseStep(l);
      if (s) step = s;
    }
    if (step) this.current = step;
    // The classic builder says "Successfully built <short id>" even when aux is missing (old engines).
    const built = /Successfully built ([0-9a-f]{12,})/.exec(text);
    if (built && !this.imageId) this.imageId = built[1]!;
    return { text, step };
  }
}
