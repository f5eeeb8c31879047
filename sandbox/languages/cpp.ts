import { defineLanguage } from "./base";

export default defineLanguage({
  id: "cpp",
  name: "C++ (g++, C++17)",
  monaco: "cpp",
  sourceFile: "main.cpp",
  compile: ["g++", "-O2", "-std=gnu++17", "-pipe", "-o", "main", "main.cpp"],
  run: ["./main"],
  version: ["g++", "--version"],
  selfTest:
    "#include <iostream>\nint main(){std::ios::sync_with_stdio(false);char c;std::cin>>std::noskipws;while(std::cin>>c)std::cout<<c;}\n",
});
