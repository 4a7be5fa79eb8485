"""A local SMTP receiver for the tests: every message accepted is written to FOLDER as one .eml file.

Usage: python3 smtp_receiver.py PORT FOLDER   (prints "ready" once listening; stops when stdin closes)
"""
import os
import sys
import uuid

from aiosmtpd.controller import Controller


class SaveToFolder:
    def __init__(self, folder):
        self.folder = folder

    async def handle_DATA(self, server, session, envelope):
        name = os.path.join(self.folder, uuid.uuid4().hex)
        with open(name + ".part", "wb") as message:
            message.write(getattr(envelope, "original_content", None) or envelope.content)
        os.rename(name + ".part", name + ".eml")  # a reader never sees half a message
        return "250 Message accepted"


port, folder = int(sys.argv[1]), sys.argv[2]
os.makedirs(folder, exist_ok=True)
controller = Controller(SaveToFolder(folder), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()
