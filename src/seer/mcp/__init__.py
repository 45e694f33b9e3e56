"""The MCP door: the server built from the skill registry, its transports, resources, prompts, the
fitting of results to hosts' limits, Z.ai's tool names, and the client configuration it prints."""
