/** The public JS API: `causette(command, ...args)`. */
export type Command = 'open' | 'close' | 'toggle' | 'identify' | 'cart' | 'track' | 'send' | 'consent' | 'on' | 'language';
export type Handlers = Record<Command, (...args: any[]) => void>;
export type Api = ((command: string, ...args: unknown[]) => void) & { loaded?: true };

/** One bad call (unknown command, a throwing listener) must not break the shop's page or the calls after it. */
export function createApi(handlers: Handlers): Api {
  const api: Api = (command, ...args) => {
    try {
      // Unknown commands are ignored: a page may be written for a newer widget.
      if (Object.prototype.hasOwnProperty.call(handlers, command)) handlers[command as Command](...args);
    } catch (error) {
      console.error(error);
    }
  };
  api.loaded = true;
  return api;
}

interface Host {
  causette?: { q?: ArrayLike<unknown>[] } | Api;
}

/** Replays the calls the page's stub queued before this script arrived, in order, then takes over the name. */
export function install(host: Host, api: Api): void {
  const queued = (host.causette as { q?: ArrayLike<unknown>[] } | undefined)?.q;
  if (queued) for (const args of queued) api(...(Array.from(args) as [string, ...unknown[]]));
  host.causette = api;
}

export type EventName = 'ready' | 'message' | 'open' | 'close';

/** Listeners for `causette('on', …)`; a late `ready` listener still hears that the widget is ready. */
export function createEvents() {
  const listeners: Partial<Record<EventName, ((arg?: unknown) => void)[]>> = {};
  let ready = false;
  const call = (fn: (arg?: unknown) => void, arg?: unknown) => {
    try {
      fn(arg);
    } catch (error) {
      console.error(error);
    }
  };
  return {
    on(name: EventName, fn: (arg?: unknown) => void): void {
      if (typeof fn !== 'function') return;
      (listeners[name] ||= []).push(fn);
      if (name === 'ready' && ready) call(fn);
    },
    emit(name: EventName, arg?: unknown): void {
      if (name === 'ready') {
        if (ready) return;
        ready = true;
      }
      for (const fn of listeners[name] || []) call(fn, arg);
    },
  };
}
