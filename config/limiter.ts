import { defineConfig, stores } from '@adonisjs/limiter'
import { redisKey } from '#services/platform/infrastructure/redis_keys'

/*
| Counts live in Redis, so every web process shares them. They share the
| queue's prefix, so that separate installs (or test runs) on one Redis keep
| separate counts.
*/
const limiterConfig = defineConfig({
  default: 'redis',
  stores: {
    redis: stores.redis({
      connectionName: 'main',
      keyPrefix: redisKey('limits'),
    }),
    memory: stores.memory({}),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
