// CHAT-6 / PAY-7: the off-platform payment and contact detector, pure and importable from
// workflow code.
export { detectOffPlatform } from './detect.ts';
export { OffPlatformDetection, OffPlatformSignal, OffPlatformSignalKind } from './signal.ts';
