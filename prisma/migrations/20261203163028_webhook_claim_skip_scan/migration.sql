-- CreateIndex
CREATE INDEX "webhook_deliveries_status_endpointId_nextAttemptAt_idx" ON "webhook_deliveries"("status", "endpointId", "nextAttemptAt");

