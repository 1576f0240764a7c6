import { describe, expect, it } from 'vitest';
import { splitTopColumns } from '../../../main/debug/top-limits';

describe('splitTopColumns', () => {
  it("splits Podman's one-string rows (the container's own busybox ps) into the title's columns", () => {
    // GET /containers/{id}/top on Podman 4.3 for the busybox fixture, as it answered.
    const r = splitTopColumns(['PID   USER     COMMAND'], [['1 root     /bin/httpd -f -p 80 -h /var/www'], ['7 root     sleep 300']]);
    expect(r.titles).toEqual(['PID', 'USER', 'COMMAND']);
    expect(r.processes).toEqual([
      ['1', 'root', '/bin/httpd -f -p 80 -h /var/www'],
      ['7', 'root', 'sleep 300'],
    ]);
  });

  it("leaves Docker's columns as they are", () => {
    const titles = ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'];
    const processes = [['root', '1234', '1210', '0', '12:00', '?', '00:00:00', '/bin/httpd -f -p 80 -h /var/www']];
    expect(splitTopColumns(titles, processes)).toEqual({ titles, processes });
    expect(splitTopColumns(['PID'], [['1']])).toEqual({ titles: ['PID'], processes: [['1']] });
  });
});
