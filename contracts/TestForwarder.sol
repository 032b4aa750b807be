// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface ITestERC20 {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// @title TestForwarder
/// @notice Test-only helper that produces the awkward-but-legal payment shapes a payment verifier
///         must handle: a USDC transfer made by a contract (tx.to is not the token), several
///         transfers in one tx, a tx that reverts after transferring, and a spoofed Transfer log.
/// @dev The payer must first `approve` this contract on the token. Dev/test chains only.
contract TestForwarder {
    // Same signature as ERC-20 Transfer, so emitFakeTransfer produces a log with the exact topic0
    // a verifier filters on -- but from this contract's address, not the token's.
    event Transfer(address indexed from, address indexed to, uint256 value);

    /// A payment "through a contract": the Transfer log comes from the token, but the tx's `to`
    /// is this forwarder and the log's `from` is the payer.
    function forward(address token, address to, uint256 amount) external {
        require(ITestERC20(token).transferFrom(msg.sender, to, amount), "TestForwarder: transfer failed");
    }

    /// Two Transfer logs to the same recipient in one tx (a verifier must sum, or at least not
    /// double-count / miss one).
    function splitPay(address token, address to, uint256 a, uint256 b) external {
        require(ITestERC20(token).transferFrom(msg.sender, to, a), "TestForwarder: transfer failed");
        require(ITestERC20(token).transferFrom(msg.sender, to, b), "TestForwarder: transfer failed");
    }

    /// Transfers, then reverts: the tx gets mined with status 0 and no logs. Send it with an
    /// explicit gas limit, otherwise gas estimation rejects it before it reaches the chain.
    function forwardAndRevert(address token, address to, uint256 amount) external {
        require(ITestERC20(token).transferFrom(msg.sender, to, amount), "TestForwarder: transfer failed");
        revert("TestForwarder: reverted on purpose");
    }

    /// Emits a Transfer-shaped log without moving any tokens. A verifier that does not check the
    /// log's emitting address against the USDC contract would accept this as a payment.
    function emitFakeTransfer(address from, address to, uint256 amount) external {
        emit Transfer(from, to, amount);
    }
}
