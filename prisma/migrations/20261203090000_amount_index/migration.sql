-- Amount tags 0..9,999 (lib/payments/amount-tag.ts): the tagged insert probes each candidate
-- amount of a wallet by index; so do attribution's exact-amount lookups.
CREATE INDEX "payment_requests_chainId_receivingWallet_usdcMicro_idx" ON "payment_requests"("chainId", "receivingWallet", "usdcMicro");
