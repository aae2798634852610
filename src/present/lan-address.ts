import os from 'node:os';

/**
 * The address the room reaches this machine at, for the printed links: the host the server
 * was bound to, or for 0.0.0.0 the first non-internal IPv4 address (the Wi-Fi or Ethernet one),
 * and 127.0.0.1 when there is none.
 */
export function linkHost(boundHost: string, interfaces = os.networkInterfaces()): string {
  if (boundHost !== '0.0.0.0' && boundHost !== '::') return boundHost.includes(':') ? `[${boundHost}]` : boundHost;
  for (const list of Object.values(interfaces)) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}
