// The public URLs of receipts and of the keys that verify them.
import { appUrl } from "@/lib/urls";

export const receiptUrl = (requestId: string) => appUrl(`/api/v1/receipts/${requestId}`);
export const receiptJwksUrl = () => appUrl("/api/v1/receipts/jwks.json");
