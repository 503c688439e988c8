// Opening hours live once, in shared/src/hours.ts. This re-export remains only for domain/chat.ts, which another
// change is splitting; point it at '@causette/shared' and delete this file once that lands.
export { openingState } from '@causette/shared';
