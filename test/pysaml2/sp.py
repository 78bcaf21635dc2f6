#!/usr/bin/python3
"""A pysaml2 service provider for the SP-initiated tests (test/pysaml2-sp.ts drives it).

Reads one JSON command on stdin and writes one JSON answer on stdout:
- {"action": "start", ...}: an AuthnRequest to the IdP of the metadata, by HTTP-Redirect (a URL) or HTTP-POST (the
  form's fields), signed or not; answers the request's ID.
- {"action": "accept", ...}: checks a posted SAMLResponse as this SP does (signatures with the IdP certificate from
  the metadata, audience, recipient, times, InResponseTo against the outstanding request); answers what it read.
A refusal exits with status 1 and pysaml2's complaint on stderr.
"""
import html as html_text
import json
import os
import re
import sys
import tempfile

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.xmldsig import SIG_RSA_SHA256, DIGEST_SHA256


def client_for(command):
    directory = tempfile.mkdtemp(prefix="realmgate-pysaml2-")
    metadata = os.path.join(directory, "idp-metadata.xml")
    with open(metadata, "w", encoding="utf-8") as file:
        file.write(command["idp_metadata"])
    config = {
        "entityid": command["entity_id"],
        "metadata": {"local": [metadata]},
        "service": {
            "sp": {
                "endpoints": {"assertion_consumer_service": [(command["acs"], BINDING_HTTP_POST)]},
                "authn_requests_signed": command.get("sign", False),
                "want_response_signed": True,
                "want_assertions_signed": True,
                "allow_unsolicited": False,
            }
        },
        "key_file": command["key_file"],
        "cert_file": command["cert_file"],
        "xmlsec_binary": "/usr/bin/xmlsec1",
        "accepted_time_diff": 0,
    }
    return Saml2Client(config=SPConfig().load(config))


def start(command):
    client = client_for(command)
    binding = BINDING_HTTP_REDIRECT if command["binding"] == "redirect" else BINDING_HTTP_POST
    extra = {}
    if command.get("force_authn"):
        extra["force_authn"] = "true"
    if command.get("is_passive"):
        extra["is_passive"] = "true"
    request_id, info = client.prepare_for_authenticate(
        relay_state=command.get("relay_state", ""),
        binding=binding,
        sign=command.get("sign", False),
        sigalg=SIG_RSA_SHA256,
        digest_alg=DIGEST_SHA256,
        **extra,
    )
    if binding == BINDING_HTTP_REDIRECT:
        location = dict(info["headers"])["Location"]
        return {"request_id": request_id, "url": location}
    html = info["data"]
    fields = {name: html_text.unescape(value) for name, value in re.findall(r'name="(SAMLRequest|RelayState)" value="([^"]*)"', html)}
    action = html_text.unescape(re.search(r'action="([^"]+)"', html).group(1))
    return {"request_id": request_id, "action": action, "form": fields}


def accept(command):
    client = client_for(command)
    response = client.parse_authn_request_response(
        command["saml_response"], BINDING_HTTP_POST, outstanding={command["request_id"]: "/"}
    )
    if response is None:
        raise ValueError("pysaml2 returned no response")
    return {
        "name_id": response.name_id.text,
        "in_response_to": response.in_response_to,
        "issuer": response.issuer(),
        "audience": [a.text for r in response.assertion.conditions.audience_restriction for a in r.audience],
    }


def main():
    command = json.load(sys.stdin)
    try:
        answer = start(command) if command["action"] == "start" else accept(command)
    except Exception as error:  # the test reads the complaint
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
    json.dump(answer, sys.stdout)


main()
