/** Seeds a local registry with a labelled copy of the web fixture (for pull tests). */
import { runContainer, testDocker } from './engine';
import { WEB_IMAGE } from './fixtures';
import { RUN_ID, TEST_LABEL, testName } from './labels';

/**
 * Pushes a labelled copy of the fixture to the registry and removes it locally. With
 * `randomKiB`, the copy carries a layer of that many KiB of random bytes, which this engine has
 * never seen: a pull of it really downloads (the fixture's own layers are already here).
 */
export async function seedRegistry(host: string, repo: string, randomKiB = 0): Promise<string> {
  const docker = testDocker();
  const src = randomKiB
    ? await runContainer({ name: testName('seed'), image: WEB_IMAGE, cmd: ['sh', '-c', `dd if=/dev/urandom of=/random bs=1024 count=${randomKiB} 2>/dev/null`] })
    : await runContainer({ name: testName('seed'), image: WEB_IMAGE, start: false });
  if (randomKiB) await src.wait();
  await src.commit({ repo: `${host}/${repo}`, tag: '1', changes: [`LABEL ${TEST_LABEL}=${RUN_ID}`] });
  const ref = `${host}/${repo}:1`;
  const push = await docker.getImage(ref).push({ authconfig: { serveraddress: host } });
  await new Promise<void>((resolve, reject) => docker.modem.followProgress(push, (err) => (err ? reject(err) : resolve())));
  await src.remove({ force: true });
  await docker.getImage(ref).remove({ force: true });
  return ref;
}

