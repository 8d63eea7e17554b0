/** A typical payment as an application holds it (BigInt amount, Date, ten metadata strings). */
export interface Payment {
  id: string;
  amount: bigint;
  currency: string;
  createdAt: Date;
  metadata: Record<string, string>;
}

/** The same payment with its BigInt and Date already turned into strings, so plain JSON can carry it. */
export interface EncodedPayment {
  id: string;
  amount: string;
  currency: string;
  createdAt: string;
  metadata: Record<string, string>;
}

/** The payment every codec row writes and reads. */
export function makePayment(): Payment {
  return {
    id: "pay_01JABCDEF0123456789XYZ",
    amount: 123_456_789_012_345_678n,
    currency: "EUR",
    createdAt: new Date("2026-11-25T12:34:56.789Z"),
    metadata: Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`field${index}`, `value-${index}-abcdefghij`])),
  };
}

/** `payment` with `amount` and `createdAt` as strings (what a service would store with plain JSON). */
export function preEncode(payment: Payment): EncodedPayment {
  return { ...payment, amount: payment.amount.toString(), createdAt: payment.createdAt.toISOString() };
}

/** JSON.stringify replacer: BigInt → decimal string. */
export function bigintReplacer(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

/** JSON.parse reviver that knows the payment's schema: `amount` → BigInt, `createdAt` → Date. */
export function paymentReviver(key: string, value: unknown): unknown {
  if (key === "amount" && typeof value === "string") return BigInt(value);
  if (key === "createdAt" && typeof value === "string") return new Date(value);
  return value;
}

/** Whether `value` is `expected` after a round trip (BigInt, Date and every metadata string intact). */
export function samePayment(value: unknown, expected: Payment): boolean {
  if (typeof value !== "object" || value === null) return false;
  const payment = value as Partial<Payment>;
  return (
    payment.id === expected.id &&
    payment.amount === expected.amount &&
    payment.currency === expected.currency &&
    payment.createdAt instanceof Date &&
    payment.createdAt.getTime() === expected.createdAt.getTime() &&
    JSON.stringify(payment.metadata) === JSON.stringify(expected.metadata)
  );
}
