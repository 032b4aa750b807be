-- A payment request's insert with its amount tag, in one statement (lib/payments/amount-tag.ts says
-- why tags exist and how they are chosen). `v` holds the new row's columns under their own names,
-- "usdcMicro" untagged; `candidates` are tags in the order to try them. For each candidate whose
-- amount (usdcMicro + tag) no open request to the wallet holds, it takes a transaction-scoped
-- advisory lock on that amount — never waiting: an amount another create is inserting right now is
-- skipped — and inserts if the amount is still free. That check is a later command than the probe,
-- and in READ COMMITTED every command of a VOLATILE function takes a fresh snapshot: a create that
-- held the amount and committed between the probe and the lock is visible to it, and the next
-- candidate is tried. Returns the inserted row, or no row when every candidate is taken.
-- Called as a statement of its own (autocommit) it needs no BEGIN/COMMIT: the lock ends with it.
CREATE FUNCTION insert_tagged_request(v jsonb, candidates int[]) RETURNS SETOF payment_requests
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  base bigint := (v->>'usdcMicro')::bigint;
  chain int := (v->>'chainId')::int;
  wallet text := v->>'receivingWallet';
  tag int;
  inserted payment_requests;
BEGIN
  FOREACH tag IN ARRAY candidates LOOP
    CONTINUE WHEN EXISTS (
      SELECT 1 FROM payment_requests o
      WHERE o."chainId" = chain AND o."receivingWallet" = wallet AND o."usdcMicro" = base + tag
        AND o.status IN ('requested', 'opened') AND o."proofStatus" IN ('none', 'attached'));
    CONTINUE WHEN NOT pg_try_advisory_xact_lock(hashtextextended('amount:' || chain || ':' || wallet || ':' || (base + tag), 0));
    INSERT INTO payment_requests (
      "id", "partnerId", "merchantId", "testMode", "paymentMode", "fiatAmountInt", "fiatCode", "usdcMicro", "amountTag",
      "fxRate", "fxSource", "fxRateAt", "memo", "customerName", "customerEmail", "customerPhone", "metadata",
      "idempotencyKey", "receivingWallet", "chainId", "usdcContract", "expiresAt", "createdVia", "createdAt", "updatedAt")
    SELECT
      r."id", r."partnerId", r."merchantId", r."testMode", r."paymentMode", r."fiatAmountInt", r."fiatCode", base + tag, tag,
      r."fxRate", r."fxSource", r."fxRateAt", r."memo", r."customerName", r."customerEmail", r."customerPhone", r."metadata",
      r."idempotencyKey", r."receivingWallet", r."chainId", r."usdcContract", r."expiresAt", r."createdVia", r."createdAt", r."updatedAt"
    FROM jsonb_populate_record(NULL::payment_requests, v) r
    WHERE NOT EXISTS (
      SELECT 1 FROM payment_requests o
      WHERE o."chainId" = chain AND o."receivingWallet" = wallet AND o."usdcMicro" = base + tag
        AND o.status IN ('requested', 'opened') AND o."proofStatus" IN ('none', 'attached'))
    RETURNING * INTO inserted;
    IF FOUND THEN
      RETURN NEXT inserted;
      RETURN;
    END IF;
  END LOOP;
  RETURN;
END $$;
