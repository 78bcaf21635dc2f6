"""Loads IdP metadata the way a pysaml2 service provider does; prints its entity ID and signing certificates as JSON.

Usage: python3 load-metadata.py <metadata.xml>. An independent check of Realmgate's metadata (issue 9).
"""
import json
import sys

from saml2 import config
from saml2.attribute_converter import ac_factory
from saml2.mdstore import MetadataStore

conf = config.Config()
conf.load({"entityid": "https://sp.example.com", "xmlsec_binary": "/usr/bin/xmlsec1"})
store = MetadataStore(ac_factory(), conf)
store.load("local", sys.argv[1])
entity_ids = list(store.keys())
signing = store.certs(entity_ids[0], "idpsso", "signing") if entity_ids else []
print(json.dumps({"entityIds": entity_ids, "signingCertificates": [cert if isinstance(cert, str) else cert[1] for cert in signing]}))
