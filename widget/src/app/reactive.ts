import { effect } from '@preact/signals-core';
import { useEffect, useReducer, useRef } from 'preact/hooks';

/**
 * Re-renders a component when a signal it read while rendering changes: what `@preact/signals` does for every
 * component, for the few components here, at a fraction of its bytes (the widget has a hard size budget).
 * Each render runs inside a fresh effect that records the signals read; the first change after it re-renders.
 */
export function reactive<P>(render: (props: P) => preact.ComponentChild): (props: P) => preact.ComponentChild {
  return (props) => {
    const [, rerender] = useReducer((n: number) => n + 1, 0);
    const stop = useRef<() => void>();
    stop.current?.();
    let out: preact.ComponentChild;
    let first = true;
    stop.current = effect(() => {
      if (first) out = render(props);
      else rerender(0);
      first = false;
    });
    useEffect(() => () => stop.current!(), []);
    return out;
  };
}
