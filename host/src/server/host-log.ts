/** Where the host writes what happens (connections refused, module logs, errors). */
export type HostLogLevel = 'error' | 'warn' | 'info' | 'debug';
export type HostLog = (level: HostLogLevel, message: string) => void;

/** The default log: errors, warnings and information on the console; debug lines only with LTA_HOST_DEBUG set. */
export const consoleLog: HostLog = (level, message) => {
  if (level === 'debug' && !process.env['LTA_HOST_DEBUG']) return;
  const line = `[lta-host] ${message}`;
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
};

/** A log that drops everything (tests, benchmarks). */
export const silentLog: HostLog = () => {};
