// Typed business errors with stable codes a client can switch on. The API maps them to
// RFC 9457 problem details in one place (api/plugins/problem-details.ts); activities turn
// them into non-retryable application failures of the same type.

export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  TOKEN_INVALID: 401,
  ACCOUNT_SUSPENDED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  PHONE_TAKEN: 409,
  IDEMPOTENCY_REQUEST_IN_PROGRESS: 409,
  VERIFICATION_ALREADY_PENDING: 409,
  VERIFICATION_NOT_PENDING: 409,
  TERMS_VERSION_EXISTS: 409,
  TICKET_CLOSED: 409,
  TICKET_RESOLVED: 409,
  TICKET_NOT_RESOLVED: 409,
  TICKET_IDENTITY_REQUIRED: 422,
  TICKET_INVALID_STIR: 422,
  CARD_NOT_IN_REVIEW: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  TERMS_VERSION_NOT_CURRENT: 422,
  VERIFICATION_NOT_NEEDED: 422,
  FILE_TYPE_NOT_ALLOWED: 415,
  FILE_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  DEPENDENCY_UNAVAILABLE: 503,
  // Orders (EL-*): refusals from the API and from the order workflow's update validators.
  ORDER_NOT_ELIGIBLE: 403,
  TERMS_NOT_ACCEPTED: 403,
  VERIFICATION_REQUIRED: 403,
  BIRTH_DATE_REQUIRED: 422,
  SERVICE_NOT_AVAILABLE: 422,
  ORDER_SLOT_TOO_EARLY: 422,
  ORDER_RESCHEDULE_NOT_ALLOWED: 422,
  ORDER_CALL_TOO_EARLY: 422,
  CONTRACT_FIELDS_INVALID: 400,
  ORDER_STATE_CONFLICT: 409,
  ORDER_CLOSED: 409,
  ORDER_ALREADY_DELIVERED: 409,
  ORDER_EXTENSION_USED: 409,
  REFUND_QUOTE_EXPIRED: 409,
  // Chat consultations (CHAT-1…CHAT-5): refusals from the consultation workflow's update validators.
  CONSULTATION_CLIENT_ONLY: 403,
  CONSULTATION_STATE_CONFLICT: 409,
  CONSULTATION_CLOSED: 409,
  CONSULTATION_OFFER_OPEN: 409,
  CONSULTATION_NO_OPEN_OFFER: 409,
  CONSULTATION_OFFER_CHANGED: 409,
  CONSULTATION_OFFER_EXPIRED: 409,
  CONSULTATION_OWN_OFFER: 403,
  COMPLAINT_WINDOW_CLOSED: 422,
  COMPLAINT_ALREADY_MADE: 409,
  // Conversations (CHAT-1): refusals of the conversation service.
  CONVERSATION_CLIENT_ONLY: 403,
  // Specialists (CHAT-1): credentials not approved yet, so no listing, chats or client data.
  SPECIALIST_NOT_VETTED: 403,
  // Money (PAY-1…PAY-6)
  WEBHOOK_SIGNATURE_INVALID: 401,
  HOLD_ALREADY_RESOLVED: 409,
  PAYMENT_NOT_SUCCEEDED: 409,
  INSUFFICIENT_FUNDS: 422,
  CURRENCY_MISMATCH: 422,
  SETTLEMENT_EXCEEDS_HOLD: 422,
  REFUND_EXCEEDS_PAYMENT: 422,
  REFUND_WINDOW_CLOSED: 422,
  WITHDRAWAL_TOO_EARLY: 422,
  WITHDRAWAL_MONTHLY_LIMIT: 422,
  // CHAT-5: earnings of a consultation under complaint, and taking a refund back from them.
  EARNINGS_UNDER_COMPLAINT: 422,
  EARNING_NOT_BLOCKED: 409,
  REVERSAL_EXCEEDS_SETTLEMENT: 422,
  // Payload encryption: the codec endpoint met a payload it cannot open (unknown key, tampered).
  PAYLOAD_UNDECODABLE: 422,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  path: string;
  message: string;
}

export class DomainError extends Error {
  readonly status: number;
  /** For a 409 or 503 worth retrying: when (the API sends it as Retry-After). */
  retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldError[],
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'DomainError';
    this.status = ERROR_STATUS[code];
  }
}
