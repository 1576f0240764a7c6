/** Names of the fixture images `npm run test:prepare` builds locally (no registry needed). */

/** busybox: sh, httpd on port 80 serving /var/www, ls, ps, netstat, wget... about 2 MB. */
export const WEB_IMAGE = 'dockside-test/web:latest';
