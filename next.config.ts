import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Server-only packages that must not be bundled (native-ish or large node deps).
  serverExternalPackages: ['esbuild', 'pg', 'ioredis', 'bullmq', 'pino', 'bcryptjs', '@socket.io/redis-emitter'],
  poweredByHeader: false,
};

export default nextConfig;
