import { Type, type TSchema } from '@sinclair/typebox';

/** The JSON error body every route may answer with. */
export const ErrorResponse = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) }, { $id: 'ErrorResponse' });

export const errorRef = Type.Ref(ErrorResponse);

/** Common error statuses a signed-in route can answer, for the OpenAPI document. */
export function withErrors<T extends Record<number, TSchema>>(ok: T) {
  return { ...ok, 400: errorRef, 401: errorRef, 403: errorRef, 404: errorRef, 429: errorRef };
}
