/** The chunk LazyClosed and LazyHistory fetch (see lazy.tsx). */
export { Closed } from './Closed';
export { History } from '../History/History';
