-- CreateTable
CREATE TABLE "ProblemPackage" (
    "id" TEXT NOT NULL,
    "problemId" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "metadata" TEXT NOT NULL DEFAULT '{}',
    "importedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProblemPackage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferenceSolution" (
    "id" TEXT NOT NULL,
    "problemId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "expectedVerdict" "Verdict" NOT NULL,
    "language" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReferenceSolution_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProblemPackage_problemId_key" ON "ProblemPackage"("problemId");

-- CreateIndex
CREATE UNIQUE INDEX "ReferenceSolution_problemId_name_key" ON "ReferenceSolution"("problemId", "name");

-- AddForeignKey
ALTER TABLE "ProblemPackage" ADD CONSTRAINT "ProblemPackage_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferenceSolution" ADD CONSTRAINT "ReferenceSolution_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
