import { defineLanguage } from "./base";

export default defineLanguage({
  id: "python",
  name: "Python 3",
  monaco: "python",
  sourceFile: "main.py",
  // Byte-compile first: syntax errors come back as CE before any test runs.
  compile: ["python3", "-m", "py_compile", "main.py"],
  run: ["python3", "-S", "-X", "utf8", "main.py"],
  // One BLAS thread: numpy must not fan out threads against the process limit.
  env: { PYTHONDONTWRITEBYTECODE: "1", PYTHONUNBUFFERED: "1", OPENBLAS_NUM_THREADS: "1", PYTHONPATH: "/usr/lib/python3/dist-packages" },
  version: ["python3", "--version"],
  selfTest: "import sys\nsys.stdout.write(sys.stdin.read())\n",
});
