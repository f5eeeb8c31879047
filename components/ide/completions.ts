import type * as Monaco from "monaco-editor";

/**
 * Basic completion for the languages whose Monaco support is syntax only (Python, C, C++):
 * keywords, common built-ins and a few snippets. JavaScript gets Monaco's own TypeScript-based
 * completion. Word-based suggestions from the document are on for all.
 */
const WORDS: Record<"python" | "c" | "cpp", string[]> = {
  python: [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
    "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield", "print", "input", "len", "range", "int", "float", "str", "list", "dict", "set",
    "tuple", "sorted", "reversed", "enumerate", "zip", "map", "filter", "sum", "min", "max", "abs", "open", "isinstance",
    "sys.stdin", "sys.stdout", "readline", "split", "strip", "join", "append", "extend", "items", "keys", "values",
  ],
  c: [
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern", "float", "for",
    "goto", "if", "inline", "int", "long", "register", "return", "short", "signed", "sizeof", "static", "struct", "switch",
    "typedef", "union", "unsigned", "void", "volatile", "while", "printf", "scanf", "puts", "getchar", "putchar", "fgets",
    "malloc", "calloc", "free", "memset", "memcpy", "strlen", "strcmp", "strcpy", "qsort", "NULL", "size_t", "stdin", "stdout",
    "#include", "#define", "stdio.h", "stdlib.h", "string.h", "math.h",
  ],
  cpp: [
    "auto", "bool", "break", "case", "catch", "char", "class", "const", "constexpr", "continue", "default", "delete", "do",
    "double", "else", "enum", "explicit", "false", "float", "for", "friend", "if", "inline", "int", "long", "namespace", "new",
    "nullptr", "operator", "private", "protected", "public", "return", "short", "signed", "sizeof", "static", "struct",
    "switch", "template", "this", "throw", "true", "try", "typedef", "typename", "unsigned", "using", "virtual", "void",
    "while", "std", "cin", "cout", "cerr", "endl", "string", "vector", "map", "set", "unordered_map", "pair", "sort",
    "push_back", "size", "begin", "end", "ios::sync_with_stdio", "#include", "iostream", "bits/stdc++.h",
  ],
};

const SNIPPETS: Record<"python" | "c" | "cpp", { label: string; insert: string; doc: string }[]> = {
  python: [
    { label: "for range", insert: "for ${1:i} in range(${2:n}):\n\t$0", doc: "for loop over range()" },
    { label: "def", insert: "def ${1:name}(${2:args}):\n\t$0", doc: "function" },
    { label: "read ints", insert: "${1:a}, ${2:b} = map(int, input().split())", doc: "read integers from one line" },
  ],
  c: [
    { label: "main", insert: "int main(void) {\n\t$0\n\treturn 0;\n}", doc: "main function" },
    { label: "for", insert: "for (int ${1:i} = 0; ${1:i} < ${2:n}; ${1:i}++) {\n\t$0\n}", doc: "for loop" },
  ],
  cpp: [
    { label: "main", insert: "int main() {\n\t$0\n\treturn 0;\n}", doc: "main function" },
    { label: "for", insert: "for (int ${1:i} = 0; ${1:i} < ${2:n}; ++${1:i}) {\n\t$0\n}", doc: "for loop" },
    { label: "fastio", insert: "std::ios::sync_with_stdio(false);\nstd::cin.tie(nullptr);", doc: "fast iostreams" },
  ],
};

let registered = false;

export function registerCompletions(monaco: typeof Monaco): void {
  if (registered) return;
  registered = true;
  for (const lang of ["python", "c", "cpp"] as const) {
    monaco.languages.registerCompletionItemProvider(lang, {
      provideCompletionItems(model, position) {
        const word = model.getWordUntilPosition(position);
        const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
        const K = monaco.languages.CompletionItemKind;
        return {
          suggestions: [
            ...WORDS[lang].map((w) => ({ label: w, kind: K.Keyword, insertText: w, range })),
            ...SNIPPETS[lang].map((s) => ({
              label: s.label,
              kind: K.Snippet,
              insertText: s.insert,
              insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
              documentation: s.doc,
              range,
            })),
          ],
        };
      },
    });
  }
}
