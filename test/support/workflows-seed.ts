/** Seeds a local registry with a labelled copy of the web fixture (for pull tests). */
import { runContainer, testDocker } from './engine';
import { WEB_IMAGE } from './fixtures';
import { RUN_ID, TEST_LABEL, testName } from './labels';

/** Pushes a labelled copy of the fixture to the registry and removes it locally. */
export async function seedRegistry(host: string, repo: string): Promise<string> {
  const docker = testDocker();
  const src = await runContainer({ name: testName('seed'), image: WEB_IMAGE, start: false });
  await src.commit({ repo: `${host}/${repo}`, tag: '1', changes: [`LABEL ${TEST_LABEL}=${RUN_ID}`] });
  const ref = `${host}/${repo}:1`;
  const push = await docker.getImage(ref).push({ authconfig: { serveraddress: host } });
  await new Promise<void>((resolve, reject) => docker.modem.followProgress(push, (err) => (err ? reject(err) : resolve())));
  await src.remove({ force: true });
  await docker.getImage(ref).remove({ force: true });
  return ref;
}

