// Where the slow route's call goes: slow-api.ts (another process) answers after one second, like a delay endpoint
// such as httpbin.org/delay. Read from the environment because whoever starts the playground may move its port.
export const SLOW_CALL_URL = `http://127.0.0.1:${process.env.SLOW_API_PORT ?? 3100}/delay?ms=1000&name=upstream`;
