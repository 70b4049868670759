// Headless Chromium for the diagram tests, driven by the Java test over this process's stdin/stdout, one JSON
// object a line. The page's GLSP client talks JSON-RPC through window.nnetGlspSend (bridged to stdout as
// {"rpc": message}) and window.nnetGlspReceive (fed from stdin's {"rpc": message}); the test's commands
// ({"id", "cmd": "goto"|"eval"|"move"|"click"|"dblclick"|"drag"|"down"|"up"|"viewport"|"screenshot"|"close", ...}) are answered with {"reply": id, "value"|"error"}.
// Usage: node driver.mjs NODE_MODULES_FOLDER
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

const require = createRequire(join(process.argv[2], 'noop.js'));
const { chromium } = require('playwright-core');

const write = object => process.stdout.write(JSON.stringify(object) + '\n');
const browser = await chromium.launch({
    executablePath: process.env.NNET_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run']
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.on('console', message => process.stderr.write(`[page ${message.type()}] ${message.text()}\n`));
page.on('pageerror', error => process.stderr.write(`[page error] ${error}\n`));
const trace = (direction, json) => process.stderr.write(`[${direction}] ${json.length > 300 ? json.substring(0, 300) + '…' : json}\n`);
await page.exposeFunction('nnetGlspSend', json => {
    trace('page → server', json);
    write({ rpc: json });
});

async function run(command) {
    switch (command.cmd) {
        case 'goto':
            await page.goto(command.url);
            return null;
        case 'eval':
            return await page.evaluate(command.script);
        case 'move':
            await page.mouse.move(command.x, command.y, { steps: 5 });
            return null;
        case 'click':
            await page.mouse.click(command.x, command.y);
            return null;
        case 'drag': // press at (x, y), move to (toX, toY) in steps, release
            await page.mouse.move(command.x, command.y, { steps: 3 });
            await page.mouse.down();
            await page.mouse.move(command.toX, command.toY, { steps: 12 });
            await page.mouse.up();
            return null;
        case 'dblclick':
            await page.mouse.dblclick(command.x, command.y);
            return null;
        case 'down':
            await page.mouse.down();
            return null;
        case 'up':
            await page.mouse.up();
            return null;
        case 'viewport':
            await page.setViewportSize({ width: command.width, height: command.height });
            return null;
        case 'screenshot':
            await page.screenshot({ path: command.path });
            return null;
        case 'close':
            await browser.close();
            return null;
        default:
            throw new Error('unknown command ' + command.cmd);
    }
}

// one line after the other, in order: the page must see the server's messages in the order they were sent
let queue = Promise.resolve();
createInterface({ input: process.stdin }).on('line', line => {
    const message = JSON.parse(line);
    queue = queue.then(async () => {
        if (message.rpc !== undefined) {
            trace('server → page', message.rpc);
            await page.evaluate(json => window.nnetGlspReceive(json), message.rpc).catch(e => process.stderr.write(`rpc: ${e}\n`));
            return;
        }
        try {
            const value = await run(message);
            write({ reply: message.id, value: value === undefined ? null : value });
        } catch (error) {
            write({ reply: message.id, error: String(error) });
        }
        if (message.cmd === 'close') {
            process.exit(0);
        }
    });
}).on('close', () => browser.close().then(() => process.exit(0)));
write({ ready: true });
