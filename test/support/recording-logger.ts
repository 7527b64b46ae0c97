/** A logger for main-process code under test (the AppLogger shape): keeps every line, in order. */
export interface LoggedLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  details?: Record<string, unknown>;
}

/** A recording AppLogger; `logFile` is what file() reports (the error page and dialogs name it). */
export function recordingLogger(logFile: string | null = null) {
  const lines: LoggedLine[] = [];
  const log = (level: LoggedLine['level']) => (message: string, details?: Record<string, unknown>) => {
    lines.push(details === undefined ? { level, message } : { level, message, details });
  };
  return {
    lines,
    /** The messages logged at `level`. */
    messages: (level?: LoggedLine['level']) => lines.filter((line) => level === undefined || line.level === level).map((line) => line.message),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    file: () => logFile,
    folder: () => (logFile === null ? null : logFile.slice(0, Math.max(logFile.lastIndexOf('/'), logFile.lastIndexOf('\\')))),
  };
}
