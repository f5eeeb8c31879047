import { defineLanguage } from "./base";

export default defineLanguage({
  id: "c",
  name: "C (gcc, C17)",
  monaco: "c",
  sourceFile: "main.c",
  compile: ["gcc", "-O2", "-std=gnu17", "-pipe", "-o", "main", "main.c", "-lm"],
  run: ["./main"],
  version: ["gcc", "--version"],
  selfTest:
    "#include <stdio.h>\nint main(void){int c;while((c=getchar())!=EOF)putchar(c);return 0;}\n",
});
