import { Box, Figure } from './parts';

/** Side by side: VMs each boot a guest OS on a hypervisor; containers share the host kernel. */
export function VmVsContainer() {
  const apps = ['App A', 'App B', 'App C'];
  return (
    <Figure
      width={560}
      height={250}
      title="Virtual machines vs containers"
      description="Left: each virtual machine runs an app, its libraries and a full guest operating system on a hypervisor on the host. Right: containers hold only an app and its libraries and share the host's kernel through the container engine."
    >
      <text x={135} y={16} textAnchor="middle" className="dg-title">Virtual machines</text>
      {apps.map((a, i) => (
        <g key={a}>
          <Box x={10 + i * 86} y={26} w={80} h={28} label={a} tone="accent" />
          <Box x={10 + i * 86} y={58} w={80} h={24} label="Libraries" />
          <Box x={10 + i * 86} y={86} w={80} h={40} label="Guest OS" sub="own kernel" tone="warn" />
        </g>
      ))}
      <Box x={10} y={132} w={252} h={28} label="Hypervisor (virtual hardware)" tone="muted" />
      <Box x={10} y={164} w={252} h={28} label="Host operating system" />
      <Box x={10} y={196} w={252} h={28} label="Hardware" tone="muted" />

      <text x={425} y={16} textAnchor="middle" className="dg-title">Containers</text>
      {apps.map((a, i) => (
        <g key={a}>
          <Box x={300 + i * 86} y={70} w={80} h={28} label={a} tone="accent" />
          <Box x={300 + i * 86} y={102} w={80} h={24} label="Libraries" />
        </g>
      ))}
      <Box x={300} y={128} w={252} h={32} label="Container engine" sub="namespaces + cgroups" tone="ok" />
      <Box x={300} y={164} w={252} h={28} label="Host OS: one shared kernel" />
      <Box x={300} y={196} w={252} h={28} label="Hardware" tone="muted" />
      <text x={280} y={244} textAnchor="middle" className="dg-sub">
        No guest OS to boot: containers start in seconds, VMs in minutes.
      </text>
    </Figure>
  );
}
