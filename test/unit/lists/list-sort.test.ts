import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../main/contract';
import { imageSortKeys } from '../../../renderer/src/views/lists/list-fields';
import { nextSort, parseSort, sortItems } from '../../../renderer/src/views/lists/list-sort';

const image = (tag: string | null, size: number, created = 0): ImageSummary => ({
  id: `sha256:${tag ?? 'none'}`,
  repoTags: tag ? [tag] : [],
  repoDigests: [],
  size,
  created,
  dangling: !tag,
  containers: [],
  labels: {},
});

describe('column sorting', () => {
  const list = [image('web:10', 300), image('web:2', 5), image(null, 40), image('app:1', 40)];

  it('sorts images by size both ways, ties in list order', () => {
    expect(sortItems(list, { column: 'size', direction: 'asc' }, imageSortKeys).map((i) => i.size)).toEqual([5, 40, 40, 300]);
    expect(sortItems(list, { column: 'size', direction: 'desc' }, imageSortKeys).map((i) => i.repoTags[0] ?? '-')).toEqual(['web:10', '-', 'app:1', 'web:2']);
  });

  it('compares names naturally and puts missing values last in both directions', () => {
    expect(sortItems(list, { column: 'tag', direction: 'asc' }, imageSortKeys).map((i) => i.repoTags[0] ?? '-')).toEqual(['app:1', 'web:2', 'web:10', '-']);
    expect(sortItems(list, { column: 'tag', direction: 'desc' }, imageSortKeys).map((i) => i.repoTags[0] ?? '-')).toEqual(['web:10', 'web:2', 'app:1', '-']);
  });

  it('leaves the order alone without a sort or with an unknown column', () => {
    expect(sortItems(list, null, imageSortKeys)).toEqual(list);
    expect(sortItems(list, { column: 'nope', direction: 'asc' }, imageSortKeys)).toEqual(list);
  });

  it('a header click sorts ascending, the next flips it', () => {
    const a = nextSort(null, 'size');
    expect(a).toEqual({ column: 'size', direction: 'asc' });
    expect(nextSort(a, 'size')).toEqual({ column: 'size', direction: 'desc' });
    expect(nextSort({ column: 'size', direction: 'desc' }, 'tag')).toEqual({ column: 'tag', direction: 'asc' });
  });

  it('reads a remembered sort back only when it fits the list', () => {
    const cols = Object.keys(imageSortKeys);
    expect(parseSort('{"column":"size","direction":"desc"}', cols)).toEqual({ column: 'size', direction: 'desc' });
    expect(parseSort('{"column":"bogus","direction":"desc"}', cols)).toBeNull();
    expect(parseSort('{"column":"size","direction":"up"}', cols)).toBeNull();
    expect(parseSort('not json', cols)).toBeNull();
    expect(parseSort(null, cols)).toBeNull();
  });
});
