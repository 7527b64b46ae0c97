/** Calls `onIdle` once after `minutes` without keyboard, mouse or touch input (0 = never). */
import { useEffect } from 'react';

const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

/** The inactivity lock of a signed-in window. */
export function useInactivity(minutes: number, onIdle: () => void): void {
  useEffect(() => {
    if (!minutes) return;
    let timer = setTimeout(onIdle, minutes * 60_000);
    const reset = () => {
      clearTimeout(timer);
      timer = setTimeout(onIdle, minutes * 60_000);
    };
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, reset, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, reset);
    };
  }, [minutes, onIdle]);
}
