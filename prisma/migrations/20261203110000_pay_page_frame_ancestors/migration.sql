-- Origins a partner allows to frame its pay pages (POS screens, checkouts); none by default.
ALTER TABLE "partners" ADD COLUMN "payPageFrameAncestors" TEXT[] DEFAULT ARRAY[]::TEXT[];
