import { beforeEach, describe, expect, it } from 'vitest';
import { useNavStore } from '../../../renderer/src/stores/nav-store';

const initial = useNavStore.getState();

describe('nav store: which container details are open, on which tab', () => {
  beforeEach(() => useNavStore.setState(initial, true));

  it('a lesson naming a container and a tab opens exactly that, with a focus request', () => {
    useNavStore.getState().go('containers', { select: 'box', tab: 'logs' });
    const s = useNavStore.getState();
    expect(s.detail).toEqual({ container: 'box', tab: 'logs' });
    expect(s.detailFocusRequest).toBe(initial.detailFocusRequest + 1);
  });

  it('a lesson naming only a tab: the next container opened shows that tab', () => {
    useNavStore.getState().go('containers', { tab: 'shell' });
    expect(useNavStore.getState().detail).toBeNull();
    useNavStore.getState().openContainer('box');
    expect(useNavStore.getState().detail).toEqual({ container: 'box', tab: 'shell' });
  });

  it('a lesson naming only a tab switches the open details to it', () => {
    useNavStore.getState().openContainer('web', 'inspect');
    useNavStore.getState().go('containers', { tab: 'top' });
    expect(useNavStore.getState().detail).toEqual({ container: 'web', tab: 'top' });
  });

  it('any other navigation forgets the tab a lesson asked for', () => {
    useNavStore.getState().go('containers', { tab: 'shell' });
    useNavStore.getState().go('images');
    useNavStore.getState().openContainer('box');
    expect(useNavStore.getState().detail).toEqual({ container: 'box', tab: 'inspect' });
  });
});
