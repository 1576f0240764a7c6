import { describe, expect, it } from 'vitest';
import { sameJson } from '../../../renderer/src/stores/same-json';

describe('sameJson', () => {
  const row = { id: 'a1', name: 'web', ports: [{ hostPort: 8080, containerPort: 80 }], labels: { app: 'x' }, status: 'Up 2 minutes' };

  it('is true for equal data built separately', () => {
    expect(sameJson([row], JSON.parse(JSON.stringify([row])))).toBe(true);
    expect(sameJson(null, null)).toBe(true);
    expect(sameJson([], [])).toBe(true);
  });

  it('sees any change, however deep', () => {
    expect(sameJson([row], [{ ...row, status: 'Up 3 minutes' }])).toBe(false);
    expect(sameJson([row], [{ ...row, ports: [{ hostPort: 8081, containerPort: 80 }] }])).toBe(false);
    expect(sameJson([row], [{ ...row, labels: {} }])).toBe(false);
    expect(sameJson([row], [row, row])).toBe(false);
    expect(sameJson({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameJson([1], { 0: 1 })).toBe(false);
    expect(sameJson(0, null)).toBe(false);
    expect(sameJson('1', 1)).toBe(false);
  });
});
