#!/usr/bin/python3
"""A Modbus device for the end-to-end tests and for trying the Modbus driver on a laptop: Debian's pymodbus
(python3-pymodbus 3.0) serves the register map of a Lampyris device profile over Modbus TCP on loopback, or over
Modbus RTU on a serial device (one end of a socat pseudo-terminal pair, say), and stdin commands change it, so that
a test plays the gateway, the meter, the charge controller, the air sensor and their faults.

    /usr/bin/python3 modbus_device.py PROFILE.json [--port N] [--unit N] [--set MEANING=VALUE ...]
    /usr/bin/python3 modbus_device.py PROFILE.json --serial DEVICE [--baud N] [--parity N|E|O] [--stopbits 1|2] ...

It prints "PORT n" once it serves over TCP (port 0, the default, picks a free one) or "SERIAL device" over RTU,
"WRITE table address v1 v2 ..." for every write a master makes, and answers each command with one line:

    set MEANING VALUE     store a value the way the profile encodes it     -> OK
    get MEANING           the value as the profile decodes it              -> VALUE MEANING v
    exception CODE        answer every request with Modbus exception 2 (illegal data address) or 4 (device
                          failure); "exception off" answers normally again -> OK
    stop                  close the listening socket and every connection  -> OK      (TCP only)
    start                 serve again on the same port                     -> PORT n  (TCP only)
    quit                  stop and exit
"""
import argparse
import asyncio
import json
import math
import socket
import struct
import sys
import threading

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server.async_io import ModbusSerialServer, ModbusTcpServer

SIZE = 65536  # every address a profile may use (the Phoenix lock coil is 20002)
TABLES = {"holding": "h", "input": "i", "coil": "c", "discrete": "d"}
WORDS = {"uint16": 1, "int16": 1, "uint32": 2, "int32": 2, "float32": 2, "bool": 1}


OUT = threading.Lock()


def out(line):
    # One write per line, under a lock: the command thread and the server's loop both print, and print() writes the
    # line and its newline separately, so that two lines could interleave ("WRITE holding 13 4OK") and an answer or
    # a write be lost to the reader.
    with OUT:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def fade_seconds(code):
    return 0.0 if code <= 0 else round(0.5 * math.sqrt(2 ** min(code, 15)) * 10) / 10


def swap(v, word):
    return ((word & 0xFF) << 8 | word >> 8) if v.get("byteOrder") == "little" else word


def encode(v, value, current):
    """The registers (or bit) of a value, as the driver decodes them; current is the register a bit lives in."""
    t = v.get("type", "uint16" if TABLES[v["function"]] in "hi" else "bool")
    if TABLES[v["function"]] in "cd":
        return [bool(value)]
    if "bit" in v:
        word = swap(v, current)
        word = word | (1 << v["bit"]) if value else word & ~(1 << v["bit"])
        return [swap(v, word)]
    if v.get("encoding") == "dali-fade-time":
        raw = min(range(16), key=lambda c: abs(fade_seconds(c) - value))
    elif v.get("encoding") == "iec61851-letter":
        raw = ord("A") + int(value) - 1 if 1 <= value <= 6 else 0
    elif t == "float32":
        raw = struct.unpack(">I", struct.pack(">f", value / v.get("scale", 1)))[0]
    else:
        raw = int(round(value / v.get("scale", 1))) & (0xFFFF if WORDS[t] == 1 else 0xFFFFFFFF)
    if WORDS[t] == 1:
        return [swap(v, raw)]
    high, low = swap(v, raw >> 16), swap(v, raw & 0xFFFF)
    return [low, high] if v.get("wordOrder") == "low-first" else [high, low]


def decode(v, words):
    t = v.get("type", "uint16" if TABLES[v["function"]] in "hi" else "bool")
    if TABLES[v["function"]] in "cd":
        return 1.0 if words[0] else 0.0
    if "bit" in v:
        return float(swap(v, words[0]) >> v["bit"] & 1)
    if WORDS[t] == 1:
        raw = swap(v, words[0])
    else:
        a, b = swap(v, words[0]), swap(v, words[1])
        high, low = (b, a) if v.get("wordOrder") == "low-first" else (a, b)
        raw = high << 16 | low
    if v.get("encoding") == "dali-fade-time":
        return fade_seconds(raw)
    if v.get("encoding") == "iec61851-letter":
        letter = raw & 0xFF
        return float(letter - ord("A") + 1) if ord("A") <= letter <= ord("F") else 0.0
    if t == "int16":
        raw = raw - 0x10000 if raw & 0x8000 else raw
    elif t == "int32":
        raw = raw - 0x100000000 if raw & 0x80000000 else raw
    elif t == "float32":
        return struct.unpack(">f", struct.pack(">I", raw))[0] * v.get("scale", 1)
    return raw * v.get("scale", 1)


class Block(ModbusSequentialDataBlock):
    """A data block that reports the master's writes and can be told to fail."""

    def __init__(self, table, device):
        super().__init__(0, [0] * SIZE)
        self.table = table
        self.device = device

    def validate(self, address, count=1):
        if self.device.exception == 2:
            return False
        return super().validate(address, count)

    def getValues(self, address, count=1):  # pylint: disable=invalid-name
        if self.device.exception == 4 and self.device.serving_request():
            raise RuntimeError("device failure, as the test asked")
        return super().getValues(address, count)

    def setValues(self, address, values):  # pylint: disable=invalid-name
        if self.device.serving_request():
            if self.device.exception == 4:
                raise RuntimeError("device failure, as the test asked")
            vals = values if isinstance(values, list) else [values]
            out("WRITE %s %d %s" % (self.table, address, " ".join(str(int(x)) for x in vals)))
        super().setValues(address, values)


class Device:
    def __init__(self, profile, port, unit, serial=None):
        self.values = {v["meaning"]: v for v in profile["values"]}
        self.exception = None
        self.local = threading.local()
        self.blocks = {t: Block(t, self) for t in TABLES}
        store = ModbusSlaveContext(di=self.blocks["discrete"], co=self.blocks["coil"], hr=self.blocks["holding"],
                                   ir=self.blocks["input"], zero_mode=True)
        self.context = ModbusServerContext(slaves={unit: store}, single=False)
        self.serial = serial
        self.port = None if serial else (port or free_port())
        self.server = None
        self.loop = None

    def serving_request(self):
        return not getattr(self.local, "commanding", False)

    def block(self, v):
        return self.blocks[v["function"]]

    def set(self, meaning, value):
        v = self.values[meaning]
        words = encode(v, value, self.block(v).values[v["address"]])
        self.local.commanding = True
        try:
            self.block(v).setValues(v["address"], words)
        finally:
            self.local.commanding = False

    def get(self, meaning):
        v = self.values[meaning]
        t = v.get("type", "bool")
        return decode(v, self.block(v).values[v["address"]:v["address"] + WORDS.get(t, 1)])

    async def start(self):
        if self.serial:
            self.server = ModbusSerialServer(self.context, port=self.serial["port"], baudrate=self.serial["baudrate"],
                                             parity=self.serial["parity"], stopbits=self.serial["stopbits"],
                                             bytesize=8, timeout=0.05)
            await self.server.start()
            out("SERIAL %s" % self.serial["port"])
            return
        self.server = ModbusTcpServer(self.context, address=("127.0.0.1", self.port), allow_reuse_address=True,
                                      loop=self.loop)
        self.loop.create_task(self.server.serve_forever())
        await self.server.serving
        out("PORT %d" % self.port)

    async def stop(self):
        if self.server is not None:
            if self.serial:
                await self.server.shutdown()
            else:
                await self.server.server_close()
            self.server = None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def commands(device):
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        try:
            if words[0] == "set":
                meaning, value = words[1], float(words[2])

                async def assign():
                    device.set(meaning, value)
                asyncio.run_coroutine_threadsafe(assign(), device.loop).result()
                out("OK")
            elif words[0] == "get":
                out("VALUE %s %s" % (words[1], device.get(words[1])))
            elif words[0] == "exception":
                device.exception = None if words[1] == "off" else int(words[1])
                out("OK")
            elif words[0] == "stop":
                asyncio.run_coroutine_threadsafe(device.stop(), device.loop).result()
                out("OK")
            elif words[0] == "start":
                asyncio.run_coroutine_threadsafe(device.start(), device.loop).result()
            elif words[0] == "quit":
                break
            else:
                out("ERROR unknown command " + words[0])
        except Exception as e:  # pylint: disable=broad-except
            out("ERROR %s" % e)
    asyncio.run_coroutine_threadsafe(device.stop(), device.loop).result()
    device.loop.call_soon_threadsafe(device.loop.stop)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("profile")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--unit", type=int, default=1)
    parser.add_argument("--set", action="append", default=[], metavar="MEANING=VALUE")
    parser.add_argument("--serial", metavar="DEVICE", help="serve Modbus RTU on this serial device instead of TCP")
    parser.add_argument("--baud", type=int, default=9600)
    parser.add_argument("--parity", choices="NEO", default="N")
    parser.add_argument("--stopbits", type=int, choices=(1, 2), default=1)
    args = parser.parse_args()
    with open(args.profile, encoding="utf-8") as f:
        profile = json.load(f)
    serial = None
    if args.serial:
        serial = {"port": args.serial, "baudrate": args.baud, "parity": args.parity, "stopbits": args.stopbits}
    device = Device(profile, args.port, args.unit, serial)
    device.loop = asyncio.new_event_loop()
    asyncio.set_event_loop(device.loop)
    for assignment in args.set:
        meaning, value = assignment.split("=", 1)
        device.set(meaning, float(value))
    device.loop.run_until_complete(device.start())
    threading.Thread(target=commands, args=(device,), daemon=True).start()
    device.loop.run_forever()


if __name__ == "__main__":
    main()
