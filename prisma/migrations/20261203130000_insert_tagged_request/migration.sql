-- A payment request's insert with its amount tag, in one statement (lib/payments/amount-tag.ts says
-- why tags exist and how they are chosen). `v` holds the new row's columns under their own names,
-- "usdcMicro" untagged; `candidates` are tags in the order to try them.
--
-- The pick finds the first candidate whose amount (usdcMicro + tag) no open request to the wallet
-- holds and takes a transaction-scoped advisory lock on that amount — never waiting: an amount
-- another create is inserting right now is skipped (the fence, OFFSET 0, keeps the lock out of the
-- probe: only an amount found free is locked; unnest yields the candidates lazily, in order). The
-- insert re-checks that the amount is still free: it is a later command, and in READ COMMITTED
-- every command of a VOLATILE function takes a fresh snapshot, so a create that held the amount
-- and committed between the pick's snapshot and the lock is visible to it; then the pick goes on.
-- Returns the inserted row, or no row when every candidate is taken. Called as a statement of its
-- own (autocommit) it needs no BEGIN/COMMIT: the lock ends with it.
--
-- plan_cache_mode: PL/pgSQL keeps a plan per session; one made while the table was small would
-- scan it whole for ever after. Planned at each call, the probes always use the amount index.
CREATE FUNCTION insert_tagged_request(v jsonb, candidates int[]) RETURNS SETOF payment_requests
LANGUAGE plpgsql VOLATILE
SET plan_cache_mode = force_custom_plan
AS $$
DECLARE
  base bigint := (v->>'usdcMicro')::bigint;
  chain int := (v->>'chainId')::int;
  wallet text := v->>'receivingWallet';
  lost int[] := '{}';
  picked int;
  inserted payment_requests;
BEGIN
  LOOP
    SELECT free.tag INTO picked FROM (
      SELECT c.tag FROM unnest(candidates) AS c(tag)
      WHERE c.tag <> ALL (lost) AND NOT EXISTS (
        SELECT 1 FROM payment_requests o
        WHERE o."chainId" = chain AND o."receivingWallet" = wallet AND o."usdcMicro" = base + c.tag
          AND o.status IN ('requested', 'opened') AND o."proofStatus" IN ('none', 'attached'))
      OFFSET 0
    ) free
    WHERE pg_try_advisory_xact_lock(hashtextextended('amount:' || chain || ':' || wallet || ':' || (base + free.tag), 0))
    LIMIT 1;
    IF NOT FOUND THEN
      RETURN; -- every candidate is taken (or being taken)
    END IF;
    INSERT INTO payment_requests (
      "id", "partnerId", "merchantId", "testMode", "paymentMode", "fiatAmountInt", "fiatCode", "usdcMicro", "amountTag",
      "fxRate", "fxSource", "fxRateAt", "memo", "customerName", "customerEmail", "customerPhone", "metadata",
      "idempotencyKey", "receivingWallet", "chainId", "usdcContract", "expiresAt", "createdVia", "createdAt", "updatedAt")
    SELECT
      r."id", r."partnerId", r."merchantId", r."testMode", r."paymentMode", r."fiatAmountInt", r."fiatCode", base + picked, picked,
      r."fxRate", r."fxSource", r."fxRateAt", r."memo", r."customerName", r."customerEmail", r."customerPhone", r."metadata",
      r."idempotencyKey", r."receivingWallet", r."chainId", r."usdcContract", r."expiresAt", r."createdVia", r."createdAt", r."updatedAt"
    FROM jsonb_populate_record(NULL::payment_requests, v) r
    WHERE NOT EXISTS (
      SELECT 1 FROM payment_requests o
      WHERE o."chainId" = chain AND o."receivingWallet" = wallet AND o."usdcMicro" = base + picked
        AND o.status IN ('requested', 'opened') AND o."proofStatus" IN ('none', 'attached'))
    RETURNING * INTO inserted;
    IF FOUND THEN
      RETURN NEXT inserted;
      RETURN;
    END IF;
    -- Taken between the pick's snapshot and the lock: never this one again, pick on.
    lost := lost || picked;
  END LOOP;
END $$;
