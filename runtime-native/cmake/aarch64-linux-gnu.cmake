# Cross-building runtime-native for AArch64 Linux on another host (Debian: gcc-aarch64-linux-gnu,
# libc6-dev-arm64-cross). Used by src/Kiln.Runtime when its RuntimeIdentifier is linux-arm64:
#   cmake -S . -B artifacts/native-arm64 -DCMAKE_TOOLCHAIN_FILE=runtime-native/cmake/aarch64-linux-gnu.cmake
# The C tests it builds run under qemu-aarch64 (CMAKE_CROSSCOMPILING_EMULATOR).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L /usr/aarch64-linux-gnu)
