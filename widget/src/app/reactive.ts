import { effect } from '@preact/signals-core';
import { Component, type ComponentChild, type RenderableProps } from 'preact';

/**
 * Re-renders a component when a signal it read while rendering changes: what `@preact/signals` does for every
 * component, for the few components here, at a fraction of its bytes (the widget has a hard size budget).
 * Each render runs inside a fresh effect that records the signals read; the first change after it re-renders.
 * A class rather than hooks, so the page-load part needs no `preact/hooks` (the panel's chunk brings it; hooks
 * still work inside `render`).
 */
export function reactive<P>(render: (props: P) => ComponentChild) {
  return class Reactive extends Component<P> {
    stop?: () => void;
    override render(props: RenderableProps<P>): ComponentChild {
      this.stop?.();
      let out: ComponentChild;
      let first = true;
      this.stop = effect(() => {
        if (first) out = render(props as P);
        else this.forceUpdate();
        first = false;
      });
      return out;
    }
    override componentWillUnmount(): void {
      this.stop!();
    }
  };
}
