-- The X-Request-Id of the API call (or console action) whose change emitted the event, so the
-- worker's log lines for its deliveries name the request an operator is chasing.
ALTER TABLE "events" ADD COLUMN "apiRequestId" TEXT;
