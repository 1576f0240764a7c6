import { Fragment } from 'react';
import type { ContainerSummary, PortMapping } from '../../../../main/contract';
import { useEngineStore } from '../../stores/engine-store';
import { portUrl } from './port-link';

export function portText(p: PortMapping): string {
  return p.hostPort ? `${p.hostIp && p.hostIp !== '0.0.0.0' ? `${p.hostIp}:` : ''}${p.hostPort} → ${p.containerPort}/${p.protocol}` : `${p.containerPort}/${p.protocol}`;
}

/**
 * A container's ports; each published TCP port is a plain link that opens in a new window. In
 * the desktop app that new window is refused and the URL goes to the user's browser (the
 * external-link rule in main/electron), in browser mode it is a new tab.
 */
export function PortLinks({ container }: { container: Pick<ContainerSummary, 'name' | 'ports'> }) {
  const endpointUrl = useEngineStore((s) => s.status.endpoint?.url ?? null);
  return (
    <>
      {container.ports.map((p, i) => {
        const url = portUrl(p, endpointUrl);
        const text = portText(p);
        // The name starts with the visible text (WCAG 2.5.3, label in name): speech users say what they see.
        return (
          <Fragment key={`${p.hostIp ?? ''}:${p.hostPort ?? ''}:${p.containerPort}/${p.protocol}`}>
            {i > 0 && ', '}
            {url ? (
              <a className="port-link" href={url} target="_blank" rel="noopener noreferrer" title={`Open ${url} in the browser`} aria-label={`${text}: open port ${p.hostPort} of ${container.name} (${url})`}>
                {text}
              </a>
            ) : (
              <span>{text}</span>
            )}
          </Fragment>
        );
      })}
    </>
  );
}
