"""standards-assistant: cited answers over IP-management policy and standards (read path)."""
