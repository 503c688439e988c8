import { Type, type Static } from '@sinclair/typebox';
import { Id, Timestamp } from './common.js';
import { Agent } from './agent.js';

/** Six digits from an authenticator app (RFC 6238, 30 s). */
export const TotpCode = Type.String({ pattern: '^[0-9]{6}$' });
/** A recovery code as shown (`xxxxx-xxxxx`); spaces, dashes and case are forgiven. */
export const RecoveryCode = Type.String({ minLength: 10, maxLength: 32, pattern: '^[A-Za-z0-9 -]+$' });

/** What `POST /api/auth/login` answers: signed in, or a password was right and a code is needed next. */
export const LoginReply = Type.Union([
  Type.Object({ agent: Agent }),
  Type.Object({
    secondFactor: Type.Literal('totp'),
    /** Single-purpose, short-lived: it only lets `POST /api/auth/login/second-factor` finish this sign-in. */
    ticket: Type.String(),
    expiresAt: Timestamp,
  }),
]);
export type LoginReply = Static<typeof LoginReply>;

export const SecondFactorBody = Type.Object(
  {
    ticket: Type.String({ minLength: 20, maxLength: 100 }),
    code: Type.Optional(TotpCode),
    recoveryCode: Type.Optional(RecoveryCode),
  },
  { additionalProperties: false },
);
export type SecondFactorBody = Static<typeof SecondFactorBody>;

/** The signed-in agent's two-factor state, and whether the admin requires it. */
export const TwoFactorStatus = Type.Object({
  enabled: Type.Boolean(),
  required: Type.Boolean(),
  recoveryCodesLeft: Type.Integer({ minimum: 0 }),
});
export type TwoFactorStatus = Static<typeof TwoFactorStatus>;

/** The start of an enrolment: shown once, the secret is never sent again. */
export const TwoFactorEnrolment = Type.Object({
  uri: Type.String(),
  /** The same URI as a QR code, an SVG document. */
  qrSvg: Type.String(),
  /** The secret in base32, for typing into an app by hand. */
  key: Type.String(),
});
export type TwoFactorEnrolment = Static<typeof TwoFactorEnrolment>;

export const CodeBody = Type.Object({ code: TotpCode }, { additionalProperties: false });
export type CodeBody = Static<typeof CodeBody>;
export const DisableTwoFactorBody = Type.Object({ password: Type.String({ minLength: 1, maxLength: 200 }), code: TotpCode }, { additionalProperties: false });
export type DisableTwoFactorBody = Static<typeof DisableTwoFactorBody>;
export const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String()) });
export type RecoveryCodes = Static<typeof RecoveryCodes>;

/** One sign-in of the agent, as the sessions list shows it. */
export const AuthSessionView = Type.Object({
  id: Id,
  device: Type.String(),
  browser: Type.String(),
  os: Type.String(),
  ip: Type.String(),
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  /** The sign-in this request came with. */
  current: Type.Boolean(),
});
export type AuthSessionView = Static<typeof AuthSessionView>;

/** Install-wide rules an admin sets for every account. */
export const SecuritySettings = Type.Object(
  {
    requireTwoFactor: Type.Boolean(),
    /** Minutes a sign-in may go unused before it is refused; null: never. */
    idleTimeoutMinutes: Type.Union([Type.Integer({ minimum: 1, maximum: 43_200 }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type SecuritySettings = Static<typeof SecuritySettings>;
export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = { requireTwoFactor: false, idleTimeoutMinutes: null };
