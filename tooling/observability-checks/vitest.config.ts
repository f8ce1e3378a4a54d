export { default } from "@revolv/vitest-config";
