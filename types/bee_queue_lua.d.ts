/** bee-queue's own Lua script cache (not in its published types): loads its scripts into a Redis. */
declare module 'bee-queue/lib/lua/index.js' {
  const lua: { buildCache(client: unknown): Promise<unknown> }
  export default lua
}
